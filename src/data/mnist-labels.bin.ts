// Framework data loader → data/mnist-labels.bin, one uint8 class index per sprite image,
// in sprite order. MNIST_SOURCE=<folder of IDX files> replaces the embedded digits.
import {prepareMnist} from "../../loaders/mnist.ts";

process.stdout.write(prepareMnist({source: process.env.MNIST_SOURCE || undefined}).labels);
