using PcapSipAnalyzer.Fuzz;
using SharpFuzz;

// AFL++ harness. The target comes from PCAPSIP_FUZZ_TARGET (run.sh sets it); "--make-corpus TARGET
// FIXTURES OUT" seeds a corpus from the committed fixtures. "--replay TARGET FILE" runs one input without
// AFL, to turn a crash into a regression test.
if (args.Length == 4 && args[0] == "--make-corpus")
{
    Corpus.Make(args[1], args[2], args[3]);
    return;
}
if (args.Length == 3 && args[0] == "--replay")
{
    FuzzTargets.Get(args[1])(File.ReadAllBytes(args[2]));
    Console.WriteLine("no crash");
    return;
}

var target = FuzzTargets.Get(Environment.GetEnvironmentVariable("PCAPSIP_FUZZ_TARGET") ?? "capture");
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
