import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { startServer } from '../http-server.js';

describe('iocmap update-db', () => {
  it('fails a stalled download after --timeout ms with exit 1 and installs nothing', async () => {
    const cwd = tempDir();
    const db = join(cwd, 'db');
    mkdirSync(db);
    writeFileSync(
      join(cwd, 'c.yaml'),
      `OtherProviders:\n  GeoIPLite:\n    Args:\n      AuthKey: test-key\n      AccountID: "1"\n      DBFolder: ${db}\n`,
    );
    let requests = 0;
    // Accepts the request and never answers.
    const base = await startServer(() => {
      requests += 1;
    });
    const run = await runCli(['update-db', '--config', 'c.yaml', '--timeout', '300', '-q'], {
      cwd,
      // Every request goes to the local server, whatever the host.
      fetch: (input, init) => {
        const url = new URL(
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        );
        return fetch(`${base}${url.pathname}${url.search}`, init);
      },
    });
    expect(requests).toBe(1);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('took longer than 300 ms');
    expect(run.stderr).toContain('(update-db --timeout is 300 ms; pass a larger --timeout on a slow link)');
    expect(run.stderr).not.toContain('test-key');
    expect(existsSync(join(db, 'GeoLite2-City.mmdb'))).toBe(false);
  });

  it('no longer lists --url-timeout / --url-max-bytes, and lists --timeout', async () => {
    const run = await runCli(['update-db', '--help']);
    expect(run.stdout).not.toContain('--url-timeout');
    expect(run.stdout).not.toContain('--url-max-bytes');
    expect(run.stdout).toContain('--timeout <ms>');
    const bad = await runCli(['update-db', '--url-timeout', '2000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--url-timeout'");
  });
});
