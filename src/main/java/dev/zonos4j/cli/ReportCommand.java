package dev.zonos4j.cli;

import dev.zonos4j.cli.report.OutputFile;
import dev.zonos4j.cli.report.RunChart;
import dev.zonos4j.cli.report.RunHtml;
import dev.zonos4j.cli.report.RunReportFile;
import dev.zonos4j.util.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zonos report run.json -o run.png --html run.html}: draws a run report written by {@code speak --report}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draw a run report (zonos speak --report run.json): waveform with segment boundaries and paragraph "
                + "breaks, loudness and voice similarity per segment, flagged segments in red; as a PNG, an HTML page "
                + "(the picture embedded, with tables of segments, retries and joins), or both.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT", description = "The run report (JSON).")
    Path report;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", description = "Write the picture here (PNG).")
    Path png;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Write an HTML page with the picture and tables.")
    Path html;

    @Option(names = "--width", defaultValue = "1600", description = "Picture width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "1000", description = "Picture height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() {
        if (png == null && html == null) {
            throw new InvalidInputException("report: give -o FILE.png, --html FILE.html, or both");
        }
        if (width < 400 || width > 10_000 || height < 300 || height > 10_000) {
            throw new InvalidInputException("report: --width must be in [400, 10000] and --height in [300, 10000], got "
                    + width + " x " + height);
        }
        for (Path out : new Path[] {png, html}) {
            if (out != null) {
                OutputFile.checkFolder(out);
            }
        }
        RunReportFile r = RunReportFile.read(report);
        System.setProperty("java.awt.headless", "true");
        byte[] picture = RunChart.png(RunChart.of(r), width, height);
        if (png != null) {
            OutputFile.write(png, picture);
            System.out.println("wrote " + png + " (" + width + " x " + height + ")");
        }
        if (html != null) {
            OutputFile.write(html, RunHtml.page(r, picture).getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + html);
        }
        return 0;
    }
}
