global using KumaTip.IntegrationTests.Infrastructure;
global using Microsoft.Playwright;

// The integration tests' run: it stops their PostgreSQL server, should a browser test ever start it.
[assembly: Xunit.TestFramework("KumaTip.IntegrationTests.Infrastructure.TestRun", "KumaTip.IntegrationTests")]
