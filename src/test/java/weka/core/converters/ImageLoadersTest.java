package weka.core.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;

/** IDXLoader and ImageDirectoryLoader on the small committed files. */
class ImageLoadersTest {

  private static final File IDX = new File("src/data/idx");
  /** The labels of the first 20 Fashion-MNIST test images. */
  private static final int[] LABELS = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0};

  @Test
  void idxImagesPlainAndGzippedWithTheirLabels() throws Exception {
    byte[] raw = Files.readAllBytes(new File(IDX, "t10k-images-idx3-ubyte").toPath());
    for (File file : new File[] {new File(IDX, "t10k-images-idx3-ubyte"),
        new File(IDX, "gz/t10k-images-idx3-ubyte.gz")}) {
      IDXLoader loader = new IDXLoader();
      loader.setFile(file);
      Instances data = loader.getDataSet();
      assertEquals(20, data.numInstances());
      assertEquals(28 * 28 + 1, data.numAttributes());
      assertEquals(data.numAttributes() - 1, data.classIndex());
      assertEquals(10, data.numClasses());
      assertEquals("p0_0", data.attribute(0).name());
      assertEquals("p27_27", data.attribute(783).name());
      for (int i = 0; i < 20; i++) {
        assertEquals(LABELS[i], (int) data.instance(i).classValue());
        // pixel j of image i is byte 16 + 784 i + j of the file
        for (int j = 0; j < 784; j += 97) {
          assertEquals(raw[16 + 784 * i + j] & 0xff, (int) data.instance(i).value(j));
        }
      }
    }
  }

  @Test
  void idxOptionsAndErrors(@TempDir Path folder) throws Exception {
    IDXLoader loader = new IDXLoader();
    loader.setOptions(new String[] {"-max", "5"});
    loader.setFile(new File(IDX, "t10k-images-idx3-ubyte"));
    Instances five = loader.getDataSet();
    assertEquals(5, five.numInstances());
    assertEquals(10, five.numClasses(), "the class lists every label of the file");
    // without a labels file: pixels only
    Path alone = folder.resolve("alone-images-idx3-ubyte");
    Files.copy(new File(IDX, "t10k-images-idx3-ubyte").toPath(), alone);
    loader = new IDXLoader();
    loader.setFile(alone.toFile());
    Instances unlabelled = loader.getDataSet();
    assertEquals(784, unlabelled.numAttributes());
    assertEquals(-1, unlabelled.classIndex());
    // a labels file given instead of images, a file that is not IDX, a count mismatch
    IDXLoader labels = new IDXLoader();
    labels.setFile(new File(IDX, "t10k-labels-idx1-ubyte"));
    IOException e = assertThrows(IOException.class, labels::getDataSet);
    assertTrue(e.getMessage().contains("labels file"), e.getMessage());
    Path text = folder.resolve("text-images-idx3-ubyte");
    Files.writeString(text, "not an idx file at all");
    IDXLoader bad = new IDXLoader();
    bad.setFile(text.toFile());
    e = assertThrows(IOException.class, bad::getDataSet);
    assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    IDXLoader mismatch = new IDXLoader();
    mismatch.setLabelsFile(new File(IDX, "t10k-labels-idx1-ubyte"));
    mismatch.setMaxInstances(0);
    Path three = folder.resolve("three-images-idx3-ubyte");
    byte[] raw = Files.readAllBytes(new File(IDX, "t10k-images-idx3-ubyte").toPath());
    byte[] cut = java.util.Arrays.copyOf(raw, 16 + 3 * 784);
    cut[7] = 3; // the item count in the header
    Files.write(three, cut);
    mismatch.setFile(three.toFile());
    e = assertThrows(IOException.class, mismatch::getDataSet);
    assertTrue(e.getMessage().contains("20 labels"), e.getMessage());
  }

  @Test
  void wekaFindsTheIdxLoaderByExtension() {
    assertTrue(ConverterUtils.getLoaderForFile("train-images.idx3-ubyte") instanceof IDXLoader);
    assertTrue(ConverterUtils.getLoaderForFile("train-images.idx3-ubyte.gz") instanceof IDXLoader);
  }

  @Test
  void imageFolderGivesFileNamesAndClasses() throws Exception {
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setOptions(new String[] {"-dir", "src/test/resources/images/bars"});
    Instances data = loader.getDataSet();
    assertEquals(20, data.numInstances());
    assertEquals(2, data.numAttributes());
    assertTrue(data.attribute(0).isString());
    assertEquals("horizontal", data.classAttribute().value(0));
    assertEquals("vertical", data.classAttribute().value(1));
    assertEquals("horizontal/00.png", data.instance(0).stringValue(0));
    assertEquals("vertical", data.classAttribute().value((int) data.instance(19).classValue()));
  }

  @Test
  void imageFolderErrors(@TempDir Path folder) throws Exception {
    ImageDirectoryLoader loader = new ImageDirectoryLoader();
    loader.setDirectory(folder.resolve("missing").toFile());
    IOException e = assertThrows(IOException.class, loader::getDataSet);
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    loader.setDirectory(folder.toFile());
    e = assertThrows(IOException.class, loader::getDataSet);
    assertTrue(e.getMessage().contains("no sub-folders"), e.getMessage());
    Files.createDirectory(folder.resolve("empty-class"));
    e = assertThrows(IOException.class, loader::getDataSet);
    assertTrue(e.getMessage().contains("no image files"), e.getMessage());
  }

  /** Writes n 2 x 3 images (image i all grey level i) and their labels as IDX files. */
  private static File writeIdx(Path folder, String name, int[] labels) throws IOException {
    int n = labels.length;
    java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + n * 6);
    images.putInt(0x00000803).putInt(n).putInt(2).putInt(3);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        images.put((byte) i);
      }
    }
    java.nio.ByteBuffer labelBytes = java.nio.ByteBuffer.allocate(8 + n);
    labelBytes.putInt(0x00000801).putInt(n);
    for (int label : labels) {
      labelBytes.put((byte) label);
    }
    Path imagesFile = folder.resolve(name + "-images-idx3-ubyte");
    Files.write(imagesFile, images.array());
    Files.write(folder.resolve(name + "-labels-idx1-ubyte"), labelBytes.array());
    return imagesFile.toFile();
  }

  private static Instances load(File file, String... options) throws Exception {
    IDXLoader loader = new IDXLoader();
    loader.setOptions(options);
    loader.setFile(file);
    return loader.getDataSet();
  }

  private static String classValues(Instances data) {
    StringBuilder text = new StringBuilder();
    for (int v = 0; v < data.numClasses(); v++) {
      text.append(v == 0 ? "" : " ").append(data.classAttribute().value(v));
    }
    return text.toString();
  }

  /** The class values are the labels of the file, or the declared range, each instance its own. */
  @Test
  void idxClassesAreTheLabelsThatOccurOrADeclaredRange(@TempDir Path folder) throws Exception {
    File file = writeIdx(folder, "some", new int[] {3, 5, 3, 7, 5});
    Instances data = load(file);
    assertEquals("3 5 7", classValues(data));
    String[] expected = {"3", "5", "3", "7", "5"};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], data.instance(i).stringValue(data.classIndex()));
      assertEquals(i, (int) data.instance(i).value(0), "pixels of image " + i);
    }
    // -max reads 2 images, but the class still lists every label of the file
    assertEquals("3 5 7", classValues(load(file, "-max", "2")));
    Instances declared = load(file, "-class-range", "0-9");
    assertEquals("0 1 2 3 4 5 6 7 8 9", classValues(declared));
    assertEquals("7", declared.instance(3).stringValue(declared.classIndex()));
    IOException outside = assertThrows(IOException.class,
        () -> load(file, "-class-range", "0-4"));
    assertTrue(outside.getMessage().contains("label 5 (item 2 of")
        && outside.getMessage().contains("class range 0-4"), outside.getMessage());
    for (String bad : new String[] {"9-0", "a-z", "5", "0-300"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> load(file, "-class-range", bad));
      assertTrue(e.getMessage().contains("-class-range") && e.getMessage().contains(bad),
          e.getMessage());
    }
  }

  /** EMNIST letters: labels 1..26 are a..z, with no empty class "0". */
  @Test
  void emnistLettersAreNamedAToZ(@TempDir Path folder) throws Exception {
    File file = writeIdx(folder, "emnist-letters-test", new int[] {1, 2, 26, 13, 1});
    Instances data = load(file, "-letters");
    assertEquals(26, data.numClasses());
    assertEquals("a", data.classAttribute().value(0));
    assertEquals("z", data.classAttribute().value(25));
    assertEquals(-1, data.classAttribute().indexOfValue("0"));
    String[] expected = {"a", "b", "z", "m", "a"};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], data.instance(i).stringValue(data.classIndex()));
    }
    // only the letters that occur, when asked for with a range
    assertEquals("a b c", classValues(load(writeIdx(folder, "abc", new int[] {1, 2, 3}),
        "-letters", "-class-range", "1-3")));
    IOException zero = assertThrows(IOException.class,
        () -> load(writeIdx(folder, "digits", new int[] {0, 1}), "-letters"));
    assertTrue(zero.getMessage().contains("label 0") && zero.getMessage().contains("-letters"),
        zero.getMessage());
    IDXLoader loader = new IDXLoader();
    loader.setOptions(new String[] {"-letters", "-class-range", "1-26"});
    IDXLoader copy = new IDXLoader();
    copy.setOptions(loader.getOptions());
    assertTrue(copy.getLetters());
    assertEquals("1-26", copy.getClassRange());
  }
}
