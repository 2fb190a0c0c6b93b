package dev.trustline.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PgpWordsTest {

    /** The worked example of the Wikipedia article "PGP word list". */
    @Test
    void ofHex_wikipediaVector_matches() {
        assertEquals("topmost Istanbul Pluto vagabond treadmill Pacific brackish dictator goldfish"
                        + " Medusa afflict bravado chatter revolver Dupont midsummer stopwatch"
                        + " whimsical cowbell bottomless",
                PgpWords.ofHex("E58294F2E9A227486E8B061B31CC528FD7FA3F19"));
    }

    @Test
    void of_listEnds_useEvenThenOddList() {
        assertEquals("aardvark adroitness", PgpWords.of(new byte[] {0, 0}));
        assertEquals("Zulu Yucatan", PgpWords.of(new byte[] {(byte) 0xff, (byte) 0xff}));
        assertEquals("absurd adviser accrue", PgpWords.ofHex("010102"));
        assertEquals("", PgpWords.of(new byte[0]));
    }

    @Test
    void lists_have256DistinctWordsEach_andShareNone() {
        Set<String> all = new HashSet<>();
        for (List<String> list : List.of(PgpWords.EVEN, PgpWords.ODD)) {
            assertEquals(256, list.size());
            for (String word : list) {
                all.add(word.toLowerCase(Locale.ROOT));
            }
        }
        assertEquals(512, all.size());
    }

    @Test
    void ofHex_notHex_throws() {
        assertThrows(IllegalArgumentException.class, () -> PgpWords.ofHex("abc"));
        assertThrows(IllegalArgumentException.class, () -> PgpWords.ofHex("zz"));
    }
}
