# Multi-stage build of the intake daemon. Kafka and PostgreSQL run beside it (see compose.yaml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY bench ./bench
COPY cli ./cli
COPY connectors ./connectors
COPY infra ./infra
COPY normalizer ./normalizer
COPY reports ./reports
COPY runtime ./runtime
COPY schemas ./schemas
COPY sink ./sink
COPY test ./test
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Only what runs: compiled code, production dependencies, and the files read at run time
# (migrations, sample fixtures for `intake replay`; the topic catalogue is compiled into dist).
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY schemas ./schemas
COPY sink/migrations ./sink/migrations
COPY fixtures ./fixtures
RUN mkdir -p /var/lib/intake && chown node:node /var/lib/intake
USER node
ENV INTAKE_DATA_DIR=/var/lib/intake INTAKE_WEBFORM_HOST=0.0.0.0 INTAKE_REPORTS_HOST=0.0.0.0
EXPOSE 8080 8081
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/intake.js"]
CMD ["daemon"]
