// The committed pretrained Faces run data/checkpoints/faces-dbvae.json (scripts/pretrain-faces.ts), or null.
import {printCheckpoint} from "../../loaders/checkpoint-file.ts";

printCheckpoint("faces-dbvae");
