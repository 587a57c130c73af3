using Segip.Consulta.Core.Configuration;
using Segip.Consulta.Web;
using Segip.Consulta.Web.Cli;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddConsultaWeb();
}
catch (InvalidOperationException ex)
{
    // A configuration the app refuses to run with: say why, in Spanish, without a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

// With a command as first argument the executable is the admin tool (docs/operations.md).
if (args.Length > 0 && AdminCommands.IsCommand(args[0]))
    return await AdminCommands.RunAsync(builder, args);

var app = builder.Build();
// Every options validator at once, so the operator reads all that is missing in one message (docs/operations.md).
if (SettingsRefusal.Find(app.Services, app.Environment.EnvironmentName) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
app.UseConsultaPipeline();
app.MapConsultaEndpoints();
try
{
    await app.RunAsync();
}
catch (Segip.Consulta.Core.Features.Sandbox.RealDataException ex)
{
    // The sandbox found real persons in its database: refuse to serve, say why in Spanish.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
return 0;

public partial class Program;
