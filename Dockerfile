# The hub's API and worker image (one image, two commands; see docker-compose.yml).
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends librdkafka-dev build-essential python3 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# node-rdkafka links Debian's librdkafka instead of compiling its bundled copy.
ENV BUILD_LIBRDKAFKA=0 npm_config_nodedir=/usr/local
RUN npm install --omit=dev --no-audit --no-fund
COPY . .
USER node
# Each Kafka consumer of the worker holds a libuv thread while it waits (apps/threadpool.ts).
ENV UV_THREADPOOL_SIZE=32
EXPOSE 8080 9464
CMD ["node", "--import", "tsx", "apps/api.ts"]
