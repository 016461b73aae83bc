// Framework data loader → data/faces-cards.json: the training cards of the three committed
// Faces runs without their weights or histories ({cnn, control, dbvae}, each null when the
// run was never made), so that the page's prose quotes the runs' own numbers.
import {readCardSummary} from "../../loaders/checkpoint-file.ts";

process.stdout.write(JSON.stringify({cnn: readCardSummary("faces-cnn"), control: readCardSummary("faces-control"), dbvae: readCardSummary("faces-dbvae")}));
