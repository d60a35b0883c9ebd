using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("KumaTip.IntegrationTests.Infrastructure.TestRun", "KumaTip.IntegrationTests")]

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// xunit's own test framework, plus what a whole test run shares and must stop: the PostgreSQL server. It is stopped
/// before the run reports that it finished, because the runner kills the test host soon after (its exit handlers
/// may never run).
/// </summary>
public sealed class TestRun(IMessageSink diagnostics) : XunitTestFramework(diagnostics)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assembly, sources, diagnostics)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics, IMessageSink execution, ITestFrameworkExecutionOptions options)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        protected override Task BeforeTestAssemblyFinishedAsync()
        {
            PostgresServer.Stop();
            return base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
