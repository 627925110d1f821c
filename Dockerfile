# The storefront, the operator console and the API host from one image; compose.yaml picks the command.
# Node 20 on Debian bookworm: the libSQL and sharp binaries the lockfile installs are built for glibc x64.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build:apps

FROM node:20-bookworm-slim
RUN npm install -g pnpm@10 && mkdir -p /photos /replica && chown node:node /photos /replica
COPY --from=build --chown=node:node /app /app
WORKDIR /app/apps/storefront
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
USER node
EXPOSE 3000
# one process per core (WEB_CONCURRENCY overrides); the console: WORKDIR /app/apps/console, the API host: /app/apps/server
CMD ["node", "--import", "tsx", "server.ts"]
