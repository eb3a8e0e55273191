using Dataspace.Connector.Cli;

return await DataspaceCli.InvokeAsync(args);
