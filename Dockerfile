# One image recipe for every app: docker build --build-arg APP=orders-api .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ARG APP
RUN node tools/build-app.mjs "$APP"

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
ARG APP
COPY --from=build /src/dist/apps/${APP} ./dist
USER node
CMD ["node", "dist/main.js"]
