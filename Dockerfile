# syntax=docker/dockerfile:1
# GuixuFlow: one image for every role (guixu start | worker | webhook). docs/scaling.md.
# Not built on the project's machines (no Docker engine): scripts/check-deploy.mjs
# validates this file and, with --build, runs the build stage's steps as a script.

ARG NODE_VERSION=24

# ── build: install with dev dependencies, compile native modules, bundle ──────────
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# node-gyp's toolchain: better-sqlite3, isolated-vm and @node-rs/argon2 are built for this Node.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/package.json
COPY packages/nodes/package.json packages/nodes/package.json
COPY packages/interop/package.json packages/interop/package.json
COPY packages/api/package.json packages/api/package.json
COPY packages/server/package.json packages/server/package.json
COPY packages/cli/package.json packages/cli/package.json
COPY packages/web/package.json packages/web/package.json
RUN npm ci --no-audit --no-fund
COPY . .
# The registries, the web app (packages/web/dist) and the bundle (dist/guixu.mjs).
RUN npm run generate && npm run build
# Runtime dependencies only (the bundle keeps native and path-loading packages external).
RUN npm prune --omit=dev --no-audit --no-fund

# ── runtime: the bundle, its external node_modules, the web app; no compiler, not root ──
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    GUIXU_HOST=0.0.0.0 \
    GUIXU_PORT=5680 \
    GUIXU_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/packages/web/dist ./packages/web/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5680
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GUIXU_PORT||5680)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/guixu.mjs"]
CMD ["start"]
