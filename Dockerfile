# One recipe for every app: docker build --build-arg APP=orders-api -t orders-api .
# Node 24 LTS on Debian bookworm: glibc like CI, so the platform packages npm picks from the
# lockfile (esbuild, SWC, Nx) are the ones CI ran; alpine's musl would need others.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN test -n "$APP" || { echo 'choose the app: docker build --build-arg APP=<app> .' >&2; exit 1; }
# The app's own build target (orders-web adds its browser bundle), then /image: dist, the health
# check, and a package.json and lockfile with only the app's production packages.
RUN npx nx run "$APP":build --excludeTaskDependencies && node tools/docker/stage-app.mjs "$APP" /image

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY --from=build /image/package.json /image/package-lock.json ./
# The lockfile's versions, production packages only; none needs an install script (the one that
# has one, @scarf/scarf under Swagger UI, only reports downloads).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
# Production unless told otherwise: development defaults (built-in clients, public secrets) are
# refused. docker-compose.yml, a local stack, sets NODE_ENV=development for every app.
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /image ./
# DATA_DIR's default (.data/<app>, the embedded database when DATABASE_URL is unset) must be
# writable by the unprivileged user.
RUN mkdir .data && chown node:node .data
USER node
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 CMD ["node", "healthcheck.mjs"]
CMD ["node", "dist/main.js"]
