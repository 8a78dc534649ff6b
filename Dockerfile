# syntax=docker/dockerfile:1
# Tessera's image: `docker build -t tessera .` (README "Deploying").
# Build stage: every dependency, compile src/ to dist/, bundle the playground (Vite) into playground/dist/.
# Runtime stage: production dependencies only, plus dist/, schema/ (read at run time) and playground/dist/.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script would build the playground before its sources are copied;
# it is built explicitly below. No dependency needs its install script for the build.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY schema ./schema
COPY src ./src
COPY playground/src ./playground/src
COPY playground/vite.config.ts ./playground/
RUN npm run build && npm run build:playground

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. --ignore-scripts: `prepare` (the playground build) has nothing to do
# here (scripts/ is not in this stage), and no production dependency needs an install script at run
# time (the two that have one: esbuild, only for `npm start`'s tsx, and @apollo/protobufjs's no-op).
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/playground/dist ./playground/dist
# Root owns the files (the process cannot change its own code); it runs as the image's `node` user (uid 1000).
USER node
# A larger young generation: most of a request's garbage (vendor answers, got's per-call objects)
# dies within the request; with V8's default 16 MB semi-space much of it was promoted and
# collected by full GCs (gateway GC time per answer down about 40 % in `npm run bench`).
ENV NODE_OPTIONS=--max-semi-space-size=64
EXPOSE 4000
# Liveness only: /healthz answers within one event-loop turn whatever the load (/readyz is for load balancers).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and receives SIGTERM itself: Tessera drains within TESSERA_SHUTDOWN_GRACE_MS and
# exits 0. No init is needed: the process starts no child processes, so there are no zombies to reap,
# and it installs its own SIGTERM/SIGINT handlers (PID 1 gets no default signal action).
CMD ["node", "dist/index.js"]
