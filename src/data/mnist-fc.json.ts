// The committed pretrained fc checkpoint (data/checkpoints/mnist-fc.json), or null.
import {printCheckpoint} from "../../loaders/checkpoint-file.ts";

printCheckpoint("mnist-fc");
