/**
 * The same extension-host suite on desktop VS Code, through @vscode/test-electron: for
 * contributors whose machine can download VS Code (it fetches a build from Microsoft's update
 * service into .vscode-test/ the first time). CI on the offline machines runs the suite in
 * code-server instead (run-exthost.ts); both load test/editor/suite/index.js through the same
 * `extensionTestsPath` contract.
 *
 *   npm run build && node out/test/editor/run-electron.js [--untrusted] [--version 1.100.3]
 *
 * Without dist/server.js the tests that need the language server are skipped ("server not
 * built") and the tests' stand-in server answers the client's custom requests.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import {
  makeTmp,
  prepareWorkspace,
  removeTmp,
  root,
  serverBuilt,
  STUB_SERVER,
  writeUserSettings,
} from './harness';

async function main(): Promise<void> {
  const untrusted = process.argv.includes('--untrusted');
  const at = process.argv.indexOf('--version');
  const version = at >= 0 ? process.argv[at + 1] : '1.100.3';
  const tmp = makeTmp('electron');
  const workspace = prepareWorkspace(tmp);
  const userData = path.join(tmp, 'user-data');
  writeUserSettings(userData, untrusted);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'editor', 'suite', 'index.js'),
      extensionTestsEnv: {
        SCOPE_LENS_TEST_MODE: untrusted ? 'untrusted' : 'trusted',
        SCOPE_LENS_TEST_RESULTS: path.join(tmp, 'results.json'),
        ...(serverBuilt() ? {} : { SCOPE_LENS_SERVER_MODULE: STUB_SERVER }),
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userData}`,
        ...(untrusted ? [] : ['--disable-workspace-trust']),
      ],
    });
  } finally {
    removeTmp(tmp);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
