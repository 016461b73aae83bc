export {tf} from "../tf.ts";
export * from "../backend.ts";
