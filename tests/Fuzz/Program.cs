using SharpFuzz;
using WaApp.Fuzz;

// Under afl-fuzz: one fork-server loop over inputs. Run by hand (no AFL), it checks the one input on stdin, which is
// how scripts/fuzz_parser.sh replays what AFL found.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    ParserTarget.Run(buffer.ToArray());
});
