// The committed pretrained cnn checkpoint (data/checkpoints/mnist-cnn.json), or null.
import {printCheckpoint} from "../../loaders/checkpoint-file.ts";

printCheckpoint("mnist-cnn");
