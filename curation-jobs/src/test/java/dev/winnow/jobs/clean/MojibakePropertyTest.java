package dev.winnow.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over random multilingual text: legitimate text is never touched, and one
 * to three rounds of UTF-8 → cp1252 mis-decoding are always undone.
 */
class MojibakePropertyTest {

    private static final String[][] WORDS = {
        {"été", "café", "naïve", "déjà", "français", "garçon", "œuvre", "crème", "brûlée", "où",
            "à", "être", "Noël", "hôtel", "fenêtre", "élève", "cœur", "aïeul", "Ça", "l’été"},
        {"Straße", "Größe", "über", "Mädchen", "schön", "Fußball", "Österreich", "Ärger", "Übung",
            "weiß", "Käse", "fünf", "Spaß", "Köln", "„Spaß“"},
        {"año", "niño", "¿Qué?", "¡Hola!", "corazón", "está", "mañana", "pingüino", "jamás",
            "árbol", "él", "acción", "ESPAÑA"},
        {"não", "irmã", "coração", "é", "você", "avô", "pão", "maçã", "São", "informações",
            "IRMÃ", "MANHÃ"},
        {"perché", "città", "però", "è", "così", "più", "caffè", "PERCHÉ"},
        {"Ångström", "smørbrød", "æble", "på", "sjö", "Øresund", "blåbær", "Þórr", "fjörður",
            "með", "því", "Ö", "Å"},
        {"się", "są", "własny", "zażółć", "gęślą", "jaźń", "łódź", "Łódź", "źdźbło", "ćma", "ślad"},
        {"žluťoučký", "kůň", "úpěl", "ďábelské", "ódy", "Škoda", "řeka", "čeština"},
        {"ılık", "İstanbul", "şehir", "ağaç", "güzel", "çok", "Iğdır"},
        {"și", "țară", "învățământ", "România", "árvíztűrő", "tükörfúrógép", "Erdős"},
        {"ėdžios", "ūkis", "ąžuolas", "latviešu", "ģimene", "ļoti", "Việt", "tiếng", "người"},
        {"Привет", "мир", "в", "и", "с", "доме", "Москва", "ещё", "объявление", "і", "їжак",
            "ґанок", "Київ"},
        {"Ελληνικά", "καλημέρα", "ή", "και", "Αθήνα", "ψυχή", "π", "μ"},
        {"日本", "中文", "你好", "世界", "数据", "清洗", "日本語", "こんにちは", "カタカナ", "東京",
            "한국어", "안녕하세요", "서울"},
        {"العربية", "مرحبا", "עברית", "שלום", "हिन्दी", "नमस्ते", "ภาษาไทย"},
        {"½", "©", "°C", "€100", "™", "→", "✓", "…", "±5", "µm", "§3", "¶", "£20", "¥", "×2",
            "№1", "‰", "NESTLÉ®", "JOSÉ’s", "«ÉTÉ»"},
        {"😀", "👍", "❤️", "🇫🇷", "🤖", "👩‍💻", "🫠"},
    };

    private static final String[] SEPARATORS = {
        " ", " ", " ", " ", ", ", ". ", "… ", " — ", "—", "’", "’ ", "” ", " “", "» ", " «",
        "\u00A0", " – ", "; ", ": ", "! ", "? ", "\n", "\n\n", " (", ") ", " „", "“ ", "’s ",
        "-", "/", "\t",
    };

    private static final int SAMPLES = 2_000;

    /** 3..12 words from random languages, some Capitalized or in CAPS, random separators. */
    private static String randomText(Random rnd) {
        int words = 3 + rnd.nextInt(10);
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String[] lang = WORDS[rnd.nextInt(WORDS.length)];
            String word = lang[rnd.nextInt(lang.length)];
            int shape = rnd.nextInt(20);
            if (shape < 2) {
                word = word.toUpperCase(Locale.ROOT);
            } else if (shape < 4) {
                word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            }
            if (w > 0) {
                sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
            }
            sb.append(word);
        }
        return sb.toString();
    }

    private static List<String> samples(long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            out.add(randomText(rnd));
        }
        return out;
    }

    @Test
    void legitimateTextIsNeverChanged() {
        List<String> failures = new ArrayList<>();
        for (String s : samples(42)) {
            if (!MojibakeRepair.repair(s).equals(s)) {
                failures.add(s + "  ->  " + MojibakeRepair.repair(s));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " changed, e.g.\n" + head(failures));
    }

    @Test
    void singleMisDecodeIsUndone() {
        checkRoundTrip(7, 1);
    }

    @Test
    void doubleMisDecodeIsUndone() {
        checkRoundTrip(8, 2);
    }

    @Test
    void tripleMisDecodeIsUndone() {
        checkRoundTrip(9, 3);
    }

    private static void checkRoundTrip(long seed, int times) {
        List<String> failures = new ArrayList<>();
        int nonAscii = 0;
        for (String s : samples(seed)) {
            String broken = Mojibake.of(s, times);
            if (!broken.equals(s)) {
                nonAscii++;
            }
            String repaired = MojibakeRepair.repair(broken);
            if (!repaired.equals(s)) {
                failures.add(s + "  ->  " + broken + "  ->  " + repaired);
            }
        }
        assertTrue(nonAscii > SAMPLES * 9 / 10, "generator should produce mostly non-ASCII text");
        assertTrue(failures.isEmpty(), failures.size() + " not restored, e.g.\n" + head(failures));
    }

    @Test
    void everyWordAloneRoundTripsWhenTheTextHasOtherEvidence() {
        // A lone word can be ambiguous ("IRMÃ", "Ö"); inside real text there is almost always a
        // clear sequence nearby. "é" here stands in for such text.
        for (String[] lang : WORDS) {
            for (String word : lang) {
                for (String shaped : new String[] {word, word.toUpperCase(Locale.ROOT)}) {
                    String s = shaped + " é";
                    assertEquals(s, MojibakeRepair.repair(Mojibake.of(s)), s);
                }
            }
        }
    }

    private static String head(List<String> failures) {
        return String.join("\n", failures.subList(0, Math.min(10, failures.size())));
    }
}
