global using System.Net.Http.Json;
global using KumaTip.IntegrationTests.Infrastructure;
