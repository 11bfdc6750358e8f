// Runs before `electron .` in `npm start`. The repository's .npmrc keeps `npm install` from running
// dependencies' install scripts (Electron's would fetch its runtime and fail on an isolated network),
// so the first start on a machine fetches the runtime; without a network that cannot work, and the
// message says so, in both languages, with the alternative that needs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

/** Mirrors node_modules/electron/index.js: path.txt names the executable inside dist/. */
function binaryPresent() {
  try {
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    return executable !== '' && existsSync(join(distDir, executable));
  } catch {
    return false;
  }
}

function fail(reasonZh, reasonEn) {
  console.error(
    [
      '',
      `✖ 无法启动桌面版：${reasonZh}`,
      '  Electron 运行时（约 100 MB）不随 npm 包安装，首次执行 npm start 时才下载，因此这一步需要在能联网的机器上进行。',
      '  如果无法访问默认下载地址，可将环境变量 ELECTRON_MIRROR 设为可访问的 Electron 镜像后重试。',
      '  不需要 Electron 也可以使用：npm run web 会构建同一界面并在本机 127.0.0.1 上提供，用浏览器打开即可。',
      '',
      `✖ Cannot start the desktop app: ${reasonEn}`,
      '  The Electron runtime (about 100 MB) is not installed with the npm packages; the first `npm start`',
      '  downloads it, so that step needs a machine with network access.',
      '  If the default download location is unreachable, set ELECTRON_MIRROR to a reachable Electron mirror and retry.',
      '  Nothing more is needed for `npm run web`: it builds the same interface and serves it on 127.0.0.1 for a browser.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

if (!existsSync(join(electronDir, 'package.json'))) {
  fail('未安装 electron 软件包（请先在联网机器上运行 npm install）。', 'the electron package is not installed (run npm install on a networked machine first).');
}

if (!binaryPresent()) {
  console.log('Electron 运行时尚未下载，正在下载… / Electron runtime not downloaded yet, downloading…');
  // install.js exits early, doing nothing, when the skip flag is set in the environment.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete env.npm_config_electron_skip_binary_download;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: 'inherit' });
  if (result.status !== 0 || !binaryPresent()) {
    fail('Electron 运行时下载失败。', 'downloading the Electron runtime failed.');
  }
  console.log('Electron 运行时已就绪。/ Electron runtime ready.');
}
