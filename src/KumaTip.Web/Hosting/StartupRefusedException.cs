namespace KumaTip.Web.Hosting;

/// <summary>
/// The app will not serve, for a reason an administrator fixes (a schema not migrated, a missing master key, a database
/// that does not answer): the message says what to do. Program logs it as one line and exits with 1, no stack trace.
/// </summary>
public sealed class StartupRefusedException(string message, Exception? inner = null) : Exception(message, inner);
