namespace FinOps.Web.Hosting;

/// <summary>
/// The one configuration file is appsettings.json at the repository root; the build copies it (and any
/// appsettings.{Environment}.json beside it) next to the app. Later sources override earlier ones:
/// the file, the environment file, FinOps__... environment variables, then the command line.
/// </summary>
public static class FinOpsConfiguration
{
    public static void UseRootAppSettings(this WebApplicationBuilder builder, string[] args)
    {
        var directory = AppContext.BaseDirectory;
        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration
            .AddJsonFile(Path.Combine(directory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(directory, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
    }

    /// <summary>Binds the FinOps section once, at start-up.</summary>
    public static FinOps.Domain.FinOpsOptions ReadFinOpsOptions(this IConfiguration configuration)
    {
        var options = new FinOps.Domain.FinOpsOptions();
        configuration.GetSection(FinOps.Domain.FinOpsOptions.SectionName).Bind(options);
        return options;
    }
}
