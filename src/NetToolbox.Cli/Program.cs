using NetToolbox.Cli.Commands;

return await CliApp.RunAsync(args);
