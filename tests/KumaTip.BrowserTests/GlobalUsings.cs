global using KumaTip.IntegrationTests.Infrastructure;
global using Microsoft.Playwright;
