# syntax=docker/dockerfile:1.7
# One image recipe for every service (ADR 0008):
#   docker build --build-arg SERVICE=accounting -t ido/accounting .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG SERVICE
RUN test -n "${SERVICE}" && NX_DAEMON=false npx nx build "${SERVICE}" --skip-nx-cache --outputStyle=static

# Only this service's production dependencies, from the lock file the build pruned for it.
FROM ${NODE_IMAGE} AS dependencies
ARG SERVICE
WORKDIR /app
COPY --from=build /repo/dist/apps/${SERVICE}/package.json /repo/dist/apps/${SERVICE}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    IDO_SERVICE=${SERVICE}
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/dist/apps/${SERVICE} ./
USER node
EXPOSE 3000
# Node is PID 1 and handles SIGTERM itself (bootService drains, then exits).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "main.js"]
