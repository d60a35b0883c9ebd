# KumaTip: multi-stage build; the runtime image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/KumaTip.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The data directory holds the master key file (and the SQLite database when no PostgreSQL is configured).
RUN mkdir -p /var/lib/kumatip && chown -R app:app /var/lib/kumatip
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    DataDirectory=/var/lib/kumatip
VOLUME /var/lib/kumatip
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD ["dotnet", "KumaTip.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "KumaTip.Web.dll"]
