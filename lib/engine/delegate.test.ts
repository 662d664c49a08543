// Protects the delegate choice: CPU on software WebGL or none, GPU only on a hardware renderer, and the user's CPU choice always wins.
import { describe, expect, it } from 'vitest';
import { chooseDelegate } from './delegate';

const HARDWARE = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';
const SOFTWARE = [
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  'Google SwiftShader',
  'llvmpipe (LLVM 15.0.6, 256 bits)',
  'ANGLE (Mesa, llvmpipe (LLVM 19.1.7 256 bits), OpenGL 4.5)',
  'Microsoft Basic Render Driver',
];

describe('chooseDelegate', () => {
  it.each(SOFTWARE)('uses CPU on software WebGL and says why: %s', (renderer) => {
    for (const pref of ['auto', 'gpu'] as const) {
      const d = chooseDelegate(pref, renderer);
      expect(d.delegate).toBe('CPU');
      expect(d.reason).toContain('software WebGL');
      expect(d.reason).toContain(renderer);
    }
  });

  it('uses CPU without WebGL', () => {
    expect(chooseDelegate('auto', null)).toEqual({ delegate: 'CPU', reason: 'no WebGL available' });
    expect(chooseDelegate('gpu', null).delegate).toBe('CPU');
    expect(chooseDelegate('auto', '').delegate).toBe('CPU');
  });

  it('uses the GPU on a hardware renderer when set to auto or gpu', () => {
    const auto = chooseDelegate('auto', HARDWARE);
    expect(auto.delegate).toBe('GPU');
    expect(auto.reason).toContain('hardware GPU');
    expect(auto.reason).toContain('RTX 3060');
    expect(chooseDelegate('gpu', HARDWARE).delegate).toBe('GPU');
    expect(chooseDelegate('auto', 'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)').delegate).toBe('GPU');
  });

  it('always uses CPU when CPU is chosen in settings', () => {
    for (const renderer of [HARDWARE, null, ...SOFTWARE]) {
      expect(chooseDelegate('cpu', renderer)).toEqual({ delegate: 'CPU', reason: 'CPU chosen in settings' });
    }
  });
});
