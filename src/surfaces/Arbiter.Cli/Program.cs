using Arbiter.Cli.App;

// Colours and live progress only when stdout is a terminal; piped output stays plain.
bool terminal = !Console.IsOutputRedirected;
return ArbiterApp.Run(args, Console.Out, Console.Error, terminal);
