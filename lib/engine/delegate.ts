/**
 * Picks the MediaPipe delegate. CPU (WASM SIMD) is the default; the GPU delegate is used only on
 * a hardware GPU, because software WebGL (SwiftShader, llvmpipe…) is several times slower than CPU.
 */

/** User preference for the delegate. */
export type DelegatePreference = 'auto' | 'cpu' | 'gpu';

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic|mesa offscreen/i;

/** Decision and the reason to show the user. */
export function chooseDelegate(pref: DelegatePreference, renderer: string | null): { delegate: 'CPU' | 'GPU'; reason: string } {
  if (pref === 'cpu') return { delegate: 'CPU', reason: 'CPU chosen in settings' };
  if (!renderer) return { delegate: 'CPU', reason: 'no WebGL available' };
  if (SOFTWARE_GL.test(renderer)) return { delegate: 'CPU', reason: `software WebGL (${renderer}) is slower than CPU` };
  if (pref === 'gpu') return { delegate: 'GPU', reason: `GPU chosen in settings (${renderer})` };
  return { delegate: 'GPU', reason: `hardware GPU (${renderer})` };
}
