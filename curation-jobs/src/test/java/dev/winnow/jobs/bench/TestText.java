package dev.winnow.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Source text for tests, written for them (no shared data needed): a few plain sentences and many
 * more made from a fixed vocabulary by a seeded generator, so that documents built from different
 * places share almost no word 5-grams, as with real text.
 */
final class TestText {
    static final List<String> PLAIN = List.of(
            "The committee met on Tuesday to review the budget for the coming year.",
            "Rain fell all night and the river rose above the old stone bridge.",
            "She opened the window, listened to the birds, and made a pot of tea.",
            "Most of the members agreed that the report should be published in full.",
            "The train was late again, so he walked the last three miles to the farm.",
            "A small red boat drifted slowly past the harbour wall at sunrise.",
            "We must decide today whether the new rules apply to existing contracts.",
            "The library closes early on Sundays during the summer months.",
            "Nobody could remember who had planted the apple trees behind the school.",
            "The engineers replaced the pump and tested the pressure twice before leaving.");

    private static final String VOCABULARY = "able about above across act add after again against age ago agree air "
            + "all almost alone along already also always among amount animal answer any appear apple area argue arm "
            + "around arrive art ask attack author away baby back bad bag ball bank bar base basket beach bear beat "
            + "beauty bed before begin behind believe bell belong below best better between big bird bit black blood "
            + "blue board boat body bone book born both bottle bottom box boy branch bread break bridge bright bring "
            + "broad brother brown build burn business busy buy cake call calm camp capital captain car card care "
            + "carry case castle cat catch cause cell center certain chair chance change chapter charge cheap check "
            + "chief child choose church circle city claim class clean clear climb clock close cloth cloud coast coat "
            + "cold colour come common company complete condition consider contain continue control cook cool copy "
            + "corn corner cost cotton count country course cover cow crowd cry cup current cut dance danger dark "
            + "daughter day dead deal dear decide deep degree depend desert design desk detail develop die difficult "
            + "dinner direct discover distant divide doctor dog door double doubt down draw dream dress drink drive "
            + "drop dry duck during dust duty early earth east easy eat edge effect egg eight either electric element "
            + "else empty end enemy energy engine enough enter equal escape even evening event ever every exact "
            + "example except excite exercise expect experience explain eye face fact factory fair fall family famous "
            + "far farm fast father favour fear feather feed feel field fight figure fill final find fine finger fire "
            + "first fish fit five flat floor flower fly follow food foot force forest forget form forward four free "
            + "fresh friend front fruit full game garden gas gate gather general gentle gift girl give glad glass go "
            + "gold good govern grass great green ground group grow guess guide gun hair half hall hand happen happy "
            + "hard hat head health hear heart heat heavy help high hill history hold hole home hope horse hospital "
            + "hot hour house huge human hundred hunt hurry ice idea inch industry insect instant iron island job "
            + "join journey judge jump just keep key kind king kitchen knee knife know lady lake land language large "
            + "last late laugh law lay lead learn leave left leg letter level lie life lift light line liquid list "
            + "listen little live long look lose loud love low machine main major make man map mark market mass "
            + "master match matter meat meet melody memory metal middle might mile milk mind minute miss modern "
            + "moment money month moon morning mother motion mountain mouth move music name narrow nation natural "
            + "near neck need neighbour nerve never new news night noise north nose note notice number ocean offer "
            + "office oil old open opinion orange order organ other oxygen page paint pair paper parent park part "
            + "party pass past path pattern pay peace people period person picture piece pitch place plain plan "
            + "plane plant plate play please plural poem point poor popular port position pound power practice "
            + "prepare present press pretty print prison prize problem produce product proper protect proud prove "
            + "pull push quarter queen question quick quiet quite race radio rail rain raise range rather reach read "
            + "ready real reason receive record region remember repeat reply rest result rich ride ring rise river "
            + "road rock roll roof room root rope rose round row rule run safe sail salt sand save scale school "
            + "science score sea season seat second section seed sell send sense sentence serve settle seven shadow "
            + "shape share sharp sheep sheet shell shine ship shoe shop shore short shoulder shout show side sight "
            + "sign silent silver simple since sing single sister size skill skin sky sleep slow small smell smile "
            + "snow soft soil soldier solution song sound south space speak special speech speed spell spend spot "
            + "spread spring square stand star start state station stay steam steel step stick still stone stop "
            + "store storm story straight strange stream street strong student study subject success sudden sugar "
            + "summer sun supply support sure surface surprise swim system table tail talk tall teach team tell "
            + "temperature test thick thin thought thousand three through thus tie tiny together tone tool total "
            + "touch tower town track trade train travel tree triangle trip trouble truck true try tube turn twenty "
            + "type under unit until valley value various verb very view village visit voice vowel wait walk wall "
            + "warm wash watch water wave wear weather week weight west wheel white whole wide wife wild win wind "
            + "window winter wire wish woman wonder wood word work world write wrong yard year yellow young";

    private TestText() {
    }

    /** The plain sentences and {@code generated} made ones (6–24 words each), the same for the same seed. */
    static List<String> sentences(int generated, long seed) {
        String[] words = VOCABULARY.split(" ");
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(PLAIN);
        for (int i = 0; i < generated; i++) {
            int n = 6 + rnd.nextInt(19);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < n; w++) {
                String word = words[rnd.nextInt(words.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
                if (w > 0 && w < n - 1 && rnd.nextInt(12) == 0) {
                    sb.append(',');
                }
            }
            out.add(sb.append(rnd.nextInt(8) == 0 ? "?" : ".").toString());
        }
        return out;
    }

    static SourceText source() {
        return SourceText.of(sentences(20_000, 2024), 40);
    }
}
