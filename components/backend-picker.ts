// The backend line every page shows: which backend runs, and a menu to switch.
// Switching moves no state by hand: tfjs copies a tensor to the new backend the next
// time it is read, so trained weights survive a switch.
import type {BackendChoice, BackendName} from "./backend.ts";
import {BACKENDS, BACKEND_LABELS, canTrain, initBackend, softwareRenderer} from "./backend.ts";
import {loopsInProgress} from "./train/loop.ts";
import {tf} from "./tf.ts";

export interface BackendPicker extends HTMLElement {
  value: BackendName;
}

/** Deprecated for pages: export `startBackend` from components/ready.ts in your page entry
 * instead; its top-level await starts the backend before any cell touches tfjs, where
 * this function only starts it when its own cell runs (too late for cells that build
 * models without depending on it). */
export async function startBackend(search = location.search): Promise<BackendPicker> {
  return createBackendPicker(await initBackend(new URLSearchParams(search).get("backend")));
}

export function createBackendPicker(choice: BackendChoice): BackendPicker {
  const root = document.createElement("div") as unknown as BackendPicker;
  root.className = "manus-backend";
  const badge = document.createElement("span");
  const label = document.createElement("label");
  label.textContent = "Switch to ";
  const menu = document.createElement("select");
  menu.dataset.control = "backend";
  menu.setAttribute("aria-label", "TensorFlow.js backend");
  for (const name of BACKENDS) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = BACKEND_LABELS[name];
    menu.append(option);
  }
  label.append(menu);
  const message = document.createElement("span");
  message.className = "manus-backend-message";
  message.setAttribute("role", "status");
  let current = choice.backend;
  const show = () => {
    badge.dataset.backend = current;
    const software = softwareRenderer();
    const described = software ? BACKEND_LABELS[current].replace("(GPU)", `(no GPU: emulated by ${software} on the CPU)`) : BACKEND_LABELS[current];
    badge.textContent = `Running on ${described}, TensorFlow.js ${tf.version.tfjs}.`;
    menu.value = current;
  };
  if (choice.refused) message.textContent = `Could not use the requested backend: ${choice.refused.reason}.`;
  menu.addEventListener("change", async () => {
    const asked = menu.value as BackendName;
    if (!canTrain(asked) && loopsInProgress() > 0) {
      menu.value = current;
      message.textContent = `${BACKEND_LABELS[asked]} cannot train, and a model on this page is training: stop it (or let it finish), then switch.`;
      return;
    }
    menu.disabled = true;
    const next = await initBackend(asked);
    menu.disabled = false;
    current = next.backend;
    message.textContent = next.refused ? `${next.refused.reason}; staying on ${BACKEND_LABELS[current]}.` : "";
    show();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  Object.defineProperty(root, "value", {get: () => current});
  root.append(badge, " ", label, " ", message);
  show();
  return root;
}
