import { afterEach, describe, expect, it } from 'vitest';
import {
  codeSettingsFrom,
  configureCode,
  sandboxLimits,
  sandboxProcessCount,
  sandboxProcessesPerProject,
} from './config.ts';

afterEach(() => configureCode(codeSettingsFrom({})));

describe('Code node settings', () => {
  it('uses the defaults, then the configured values, and the environment wins over both', () => {
    expect(sandboxLimits({})).toEqual({ memoryMb: 128, timeoutMs: 60_000 });
    expect(sandboxProcessCount({})).toBe(4);
    expect(sandboxProcessesPerProject({})).toBe(2);
    configureCode({ memoryMb: 64, timeoutMs: 5000, processes: 3 });
    expect(sandboxLimits({})).toEqual({ memoryMb: 64, timeoutMs: 5000 });
    expect(sandboxLimits({ GUIXU_CODE_TIMEOUT_MS: '300' })).toEqual({ memoryMb: 64, timeoutMs: 300 });
    expect(sandboxProcessCount({ GUIXU_CODE_PROCESSES: '' })).toBe(3);
    expect(sandboxProcessesPerProject({ GUIXU_CODE_PROCESSES: '6' })).toBe(3);
    expect(
      sandboxProcessesPerProject({ GUIXU_CODE_PROCESSES: '2', GUIXU_CODE_PROCESSES_PER_PROJECT: '5' }),
    ).toBe(2);
  });

  it('names a bad value instead of silently falling back', () => {
    expect(() => sandboxLimits({ GUIXU_CODE_MEMORY_MB: '4' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('GUIXU_CODE_MEMORY_MB'),
      }),
    );
    expect(() => sandboxLimits({ GUIXU_CODE_TIMEOUT_MS: '1e3' })).toThrow(
      /GUIXU_CODE_TIMEOUT_MS: must be a whole number/,
    );
    expect(() => sandboxProcessCount({ GUIXU_CODE_PROCESSES: '33' })).toThrow(/must be at most 32/);
  });
});
