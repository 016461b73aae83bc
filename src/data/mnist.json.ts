// Framework data loader → data/mnist.json, the manifest the Digits page reads first.
// MNIST_SOURCE=<folder of IDX files> replaces the embedded digits (see loaders/mnist.ts).
import {mnistManifest, prepareMnist} from "../../loaders/mnist.ts";

process.stdout.write(JSON.stringify(mnistManifest(prepareMnist({source: process.env.MNIST_SOURCE || undefined}))));
