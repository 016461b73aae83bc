// Imported by every page entry (components/pages/*.ts): its top-level await starts the
// backend before any page cell can touch tfjs, since a cell runs only once its imports
// have loaded. The URL may ask for a backend: ?backend=webgl.
import type {BackendChoice} from "./backend.ts";
import {initBackend} from "./backend.ts";
import type {BackendPicker} from "./backend-picker.ts";
import {createBackendPicker} from "./backend-picker.ts";

export const backendChoice: BackendChoice = await initBackend(new URLSearchParams(location.search).get("backend"));

/** The element that shows the running backend and switches it. */
export function startBackend(): BackendPicker {
  return createBackendPicker(backendChoice);
}
