import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, findConfig, searchConfig } from '../src/index.js';
import { createSandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => box.cleanup());

function all(box: Sandbox) {
  const explicit = box.put('empty.yaml', join(box.other, 'explicit.yaml'));
  const fromEnv = box.put('empty.yaml', join(box.other, 'env', 'msticpyconfig.yaml'));
  const inCwd = box.put('empty.yaml', join(box.cwd, 'msticpyconfig.yaml'));
  const inHome = box.put('empty.yaml', join(box.home, '.msticpy', 'msticpyconfig.yaml'));
  return { explicit, fromEnv, inCwd, inHome };
}

describe('findConfig search order', () => {
  it('prefers the explicit path over everything else', () => {
    const p = all(box);
    const found = findConfig({
      explicitPath: p.explicit,
      env: { MSTICPYCONFIG: p.fromEnv },
      cwd: box.cwd,
      homeDir: box.home,
    });
    expect(found).toMatchObject({ path: p.explicit, source: 'option' });
    expect(found?.reason).toContain(p.explicit);
  });

  it('resolves a relative explicit path against cwd', () => {
    const path = box.put('empty.yaml', join(box.cwd, 'conf', 'mine.yaml'));
    const found = findConfig({ explicitPath: 'conf/mine.yaml', env: {}, cwd: box.cwd, homeDir: box.home });
    expect(found?.path).toBe(path);
  });

  it('uses MSTICPYCONFIG when it points to a file, before cwd and home', () => {
    const p = all(box);
    const found = findConfig({ env: { MSTICPYCONFIG: p.fromEnv }, cwd: box.cwd, homeDir: box.home });
    expect(found).toEqual({
      path: p.fromEnv,
      source: 'env',
      reason: `MSTICPYCONFIG points to ${p.fromEnv}`,
      notes: [],
    });
  });

  it('uses ./msticpyconfig.yaml before the home folder', () => {
    const p = all(box);
    const found = findConfig({ env: {}, cwd: box.cwd, homeDir: box.home });
    expect(found).toMatchObject({ path: p.inCwd, source: 'cwd' });
  });

  it('falls back to ~/.msticpy/msticpyconfig.yaml', () => {
    const inHome = box.put('empty.yaml', join(box.home, '.msticpy', 'msticpyconfig.yaml'));
    const found = findConfig({ env: {}, cwd: box.cwd, homeDir: box.home });
    expect(found).toMatchObject({ path: inHome, source: 'home' });
  });

  it('returns null when there is no file anywhere, listing the places searched', () => {
    expect(findConfig({ env: {}, cwd: box.cwd, homeDir: box.home })).toBeNull();
    const search = searchConfig({ env: {}, cwd: box.cwd, homeDir: box.home });
    expect(search.searched).toEqual([
      join(box.cwd, 'msticpyconfig.yaml'),
      join(box.home, '.msticpy', 'msticpyconfig.yaml'),
    ]);
  });

  it('skips MSTICPYCONFIG naming a missing file, with a note, and goes on', () => {
    const inHome = box.put('empty.yaml', join(box.home, '.msticpy', 'msticpyconfig.yaml'));
    const missing = join(box.other, 'nope.yaml');
    const found = findConfig({ env: { MSTICPYCONFIG: missing }, cwd: box.cwd, homeDir: box.home });
    expect(found?.source).toBe('home');
    expect(found?.path).toBe(inHome);
    expect(found?.notes).toHaveLength(1);
    expect(found?.notes[0]).toContain('MSTICPYCONFIG');
    expect(found?.notes[0]).toContain(missing);
  });

  it('keeps the MSTICPYCONFIG note when nothing is found', () => {
    const search = searchConfig({
      env: { MSTICPYCONFIG: join(box.other, 'x.yaml') },
      cwd: box.cwd,
      homeDir: box.home,
    });
    expect(search.location).toBeNull();
    expect(search.notes).toHaveLength(1);
  });

  it('treats MSTICPYCONFIG pointing at a folder as missing', () => {
    const dir = join(box.other, 'folder');
    mkdirSync(dir);
    const p = all(box);
    const found = findConfig({ env: { MSTICPYCONFIG: dir }, cwd: box.cwd, homeDir: box.home });
    expect(found?.path).toBe(p.inCwd);
    expect(found?.notes[0]).toContain(dir);
  });

  it('throws CONFIG_NOT_FOUND for an explicit path that is a folder', () => {
    expect(() => findConfig({ explicitPath: box.other, env: {}, cwd: box.cwd, homeDir: box.home })).toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND', path: box.other }),
    );
  });

  it('throws CONFIG_NOT_FOUND naming a missing explicit path, even if other files exist', () => {
    all(box);
    const missing = join(box.other, 'missing.yaml');
    let error: unknown;
    try {
      findConfig({ explicitPath: missing, env: {}, cwd: box.cwd, homeDir: box.home });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_NOT_FOUND');
    expect((error as ConfigError).path).toBe(missing);
    expect((error as ConfigError).message).toContain(missing);
  });
});

describe('option checks', () => {
  it.each([
    [null, "findConfig: options must be an object such as { explicitPath: 'msticpyconfig.yaml' }, got null."],
    ['msticpyconfig.yaml', 'got "msticpyconfig.yaml".'],
    [{ explicitPath: 42 }, 'findConfig: explicitPath must be a non-empty path string, got 42.'],
    [{ explicitPath: '' }, 'explicitPath must be a non-empty path string, got "".'],
    [{ cwd: ['a'] }, 'cwd must be a non-empty path string, got an array.'],
    [{ homeDir: null }, 'homeDir must be a non-empty path string, got null.'],
    [
      { home: '/root' },
      'findConfig: there is no option "home"; the options are explicitPath, cwd, homeDir, env.',
    ],
    [
      { env: 'PATH=/bin' },
      'env must be an object of environment variables (like process.env), got "PATH=/bin".',
    ],
  ])('findConfig(%j) is a ConfigError INVALID_OPTION quoting the value', (options, message) => {
    const call = () => findConfig(options as unknown as Parameters<typeof findConfig>[0]);
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining(message) }),
    );
  });

  it('searchConfig names itself in the message', () => {
    expect(() => searchConfig({ explicitPath: 42 as unknown as string })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringMatching(/^searchConfig: explicitPath/),
      }),
    );
  });
});
