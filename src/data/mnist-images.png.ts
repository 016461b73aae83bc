// Framework data loader → data/mnist-images.png, every image as one grey sprite whose
// layout mnist.json describes. MNIST_SOURCE=<folder of IDX files> replaces the embedded digits.
import {prepareMnist, spritePng} from "../../loaders/mnist.ts";

process.stdout.write(spritePng(prepareMnist({source: process.env.MNIST_SOURCE || undefined})));
