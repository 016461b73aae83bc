// The home page's imports: tfjs with its backend started.
export {tf} from "../tf.ts";
export {startBackend, backendChoice} from "../ready.ts";
