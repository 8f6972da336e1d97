package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.*;
import static org.snnspark.preprocess.dataset.Option.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declarations, their defaults, text forms and the values' copies, on a job of three options. */
class JobOptionsTest {

  enum Colour { RED, GREEN }

  static final Option<Integer> SIZE = option("sizeOfThing", OptionType.INT, 3, "how big");
  static final Option<Colour> COLOUR = option("colour", OptionType.enumOf(Colour.class), Colour.RED, "which colour");
  static final Option<List<String>> TAGS = option("tags", OptionType.STRINGS, List.of("a", "b"), "labels");

  static final class Toy extends JobOptions<Toy> {
    private static final long serialVersionUID = 1L;

    private static final OptionSet OPTIONS = new OptionSet("toy", SIZE, COLOUR, TAGS);

    @Override
    protected OptionSet options() {
      return OPTIONS;
    }
  }

  @Test
  void unsetOptionsReadTheirDefaults() {
    Toy t = new Toy();
    assertEquals(3, t.get(SIZE));
    assertEquals(Map.of("sizeOfThing", "3", "colour", "RED", "tags", "a,b"), t.toMap());
    assertEquals(List.of("sizeOfThing", "colour", "tags"), new ArrayList<>(t.toMap().keySet()), "declaration order");
    assertEquals("a,b", TAGS.defaultValue());
    assertEquals(OptionType.Shape.LIST, TAGS.type().shape());
  }

  @Test
  void textAndTypedSettersAgree() {
    Toy t = new Toy().set("size-of-thing", " 7").set("COLOUR", "green").set("tags", "x, ,y");
    assertEquals(7, t.get(SIZE));
    assertEquals(Colour.GREEN, t.get(COLOUR));
    assertEquals(List.of("x", "y"), t.get(TAGS));
    assertEquals(t.toMap(), new Toy().set(SIZE, 7).set(COLOUR, Colour.GREEN).set(TAGS, List.of("x", "y")).toMap());
  }

  @Test
  void collectionsAreCopiedWhenSet() {
    List<String> tags = new ArrayList<>(List.of("x"));
    Toy t = new Toy().set(TAGS, tags);
    tags.add("y");
    assertEquals(List.of("x"), t.get(TAGS));
    assertThrows(UnsupportedOperationException.class, () -> t.get(TAGS).add("z"));
  }

  @Test
  void errorsNameTheOption() {
    Toy t = new Toy();
    assertEquals("unknown toy option 'size' (known: sizeOfThing, colour, tags)",
        assertThrows(IllegalArgumentException.class, () -> t.set("size", "1")).getMessage());
    assertEquals("bad value 'big' for sizeOfThing: not a number (how big)",
        assertThrows(OptionException.class, () -> t.set("sizeOfThing", "big")).getMessage());
    assertEquals("bad value 'blue' for colour: expected one of RED, GREEN",
        assertThrows(OptionException.class, () -> t.set("colour", "blue")).getMessage());
  }
}
