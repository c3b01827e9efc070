# syntax=docker/dockerfile:1
# One image, every WaApp host. The role is the first argument or WAAPP_ROLE:
#   docker run waapp silo      (Orleans silo; health/metrics on :8081, silo port 11111, gateway port 30000)
#   docker run waapp gateway   (WebGateway on :8080; /metrics only on the management port :9090)
#   docker run waapp server    (co-hosted: the gateway inside a silo; :8080, :9090, silo ports as the silo's)
# See deploy/docker/docker-entrypoint.sh and deploy/DEPLOYMENT_GUIDE.md.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src

# Restore layer: only the files restore reads, so it stays cached until a project or package version changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Abstractions/Grains.Abstractions.csproj Grains.Abstractions/
COPY WhatsApp/WhatsApp.csproj WhatsApp/
COPY EventSourcing/EventSourcing.csproj EventSourcing/
COPY DynamoDB/DynamoDB.csproj DynamoDB/
COPY Grains/Grains.csproj Grains/
COPY ServiceDefaults/ServiceDefaults.csproj ServiceDefaults/
COPY Silo/Silo.csproj Silo/
COPY WebGateway/WebGateway.csproj WebGateway/
COPY Server/Server.csproj Server/
RUN dotnet restore Silo/Silo.csproj
RUN dotnet restore WebGateway/WebGateway.csproj
RUN dotnet restore Server/Server.csproj

COPY . .
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -p:UseAppHost=false -o /out/silo
RUN dotnet publish WebGateway/WebGateway.csproj -c Release --no-restore -p:UseAppHost=false -o /out/gateway
RUN dotnet publish Server/Server.csproj -c Release --no-restore -p:UseAppHost=false -o /out/server

# The Cloud API simulator, for docker-compose only (never deployed): docker build --target simulator .
FROM build AS simulator-build
RUN dotnet publish tools/CloudApiSimulator/CloudApiSimulator.csproj -c Release -p:UseAppHost=false -o /out/simulator

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS simulator
WORKDIR /app
COPY --from=simulator-build --chown=root:root /out/simulator /app
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/WaApp.CloudApiSimulator.dll"]

# The default target: the production image.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /out/silo /app/silo
COPY --from=build --chown=root:root /out/gateway /app/gateway
COPY --from=build --chown=root:root /out/server /app/server
COPY --chown=root:root --chmod=0755 deploy/docker/docker-entrypoint.sh /app/docker-entrypoint.sh

# The app files are owned by root and read-only for the app user the base image provides.
USER $APP_UID
ENV DOTNET_NOLOGO=1 \
    DOTNET_gcServer=1 \
    WAAPP_ROLE=gateway
EXPOSE 8080 8081 9090 11111 30000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/app/docker-entrypoint.sh", "healthcheck"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]
