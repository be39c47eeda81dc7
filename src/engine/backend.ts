/**
 * The one place the engine loads TensorFlow.js.
 *
 * Scope Lens runs on tfjs's pure-JavaScript CPU backend (tfjs-node needs a native download that
 * is not available everywhere). The CPU backend prints a "looks like you are running TensorFlow.js
 * in Node.js" banner on its first tensor; users of Scope Lens never asked for tfjs directly, so
 * the banner is switched off on that backend instance only (no global tfjs flags are changed).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

let ready = false;

/** Makes sure the CPU backend is active and quiet. Cheap after the first call. */
export function ensureBackend(): void {
  if (ready) return;
  if (tf.getBackend() !== 'cpu') {
    // The CPU backend initialises synchronously; setBackend's promise is already settled.
    void tf.setBackend('cpu');
  }
  const backend = tf.backend() as unknown as { firstUse?: boolean };
  if ('firstUse' in backend) backend.firstUse = false;
  ready = true;
}

export { tf };
