import { testNode, testNodeError } from '@guixu/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import executeCommand from './execute-command.node.ts';

/** Expectations follow n8n's Execute Command v1 (n8n is not installed here). */
describe('Execute Command', () => {
  const saved = process.env.GUIXU_ALLOW_EXECUTE_COMMAND;
  beforeEach(() => {
    process.env.GUIXU_ALLOW_EXECUTE_COMMAND = 'true';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.GUIXU_ALLOW_EXECUTE_COMMAND;
    else process.env.GUIXU_ALLOW_EXECUTE_COMMAND = saved;
  });

  it('is disabled unless the instance allows it, with a clear error', async () => {
    delete process.env.GUIXU_ALLOW_EXECUTE_COMMAND;
    const error = await testNodeError(executeCommand, { parameters: { command: 'echo hi' } });
    expect(error.code).toBe('EXECUTE_COMMAND_DISABLED');
    expect(error.description).toContain('GUIXU_ALLOW_EXECUTE_COMMAND=true');
  });

  it('runs once by default and outputs trimmed stdout, stderr and the exit code', async () => {
    const result = await testNode(executeCommand, {
      parameters: { command: 'echo "  out  "; echo err >&2' },
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(result.json[0]).toEqual([{ exitCode: 0, stdout: 'out', stderr: 'err' }]);
  });

  it('runs per item with expressions when "execute once" is off', async () => {
    const result = await testNode(executeCommand, {
      parameters: { executeOnce: false, command: '=printf %s {{ $json.name }}' },
      items: [{ name: 'ada' }, { name: 'bob' }],
    });
    expect(result.json[0].map((j) => j.stdout)).toEqual(['ada', 'bob']);
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('fails the item on a non-zero exit, or outputs the error with "continue"', async () => {
    const error = await testNodeError(executeCommand, { parameters: { command: 'echo bad >&2; exit 3' } });
    expect(error.message).toContain('Command failed');
    expect(error.details).toMatchObject({ exitCode: 3, stderr: 'bad' });
    const kept = await testNode(executeCommand, {
      parameters: { command: 'exit 2' },
      onError: 'continueRegularOutput',
    });
    expect(String(kept.json[0][0].error)).toContain('Command failed');
  });

  it("passes only a minimal environment, never the server's secrets", async () => {
    process.env.GUIXU_TEST_SECRET_FOR_COMMAND = 'hidden';
    try {
      const result = await testNode(executeCommand, {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
        parameters: { command: 'printf "%s|%s" "$GUIXU_TEST_SECRET_FOR_COMMAND" "${PATH:+has-path}"' },
      });
      expect(result.json[0][0].stdout).toBe('|has-path');
    } finally {
      delete process.env.GUIXU_TEST_SECRET_FOR_COMMAND;
    }
  });
});
