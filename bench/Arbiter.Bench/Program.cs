using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable: `dotnet run -c Release --project bench/Arbiter.Bench -- --filter '*Safety*'`.
// (Not typeof(Program): the arbiter CLI it references now has a public Program, generated for ASP.NET Core apps.)
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
