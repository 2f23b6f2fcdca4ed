package fundamentos.install;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a class file that linking needs: its name, super types, declared members and the
 * members of other classes it refers to (constant pool Fieldref/Methodref/InterfaceMethodref). Enough
 * to tell, without running anything, whether every call into a jar still finds its target after that
 * jar's version changed.
 */
final class ClassFile {

  /** A field or method of another class this class refers to; {@code field} tells which. */
  record Reference(String owner, String name, String descriptor, boolean field) {
  }

  final String name;
  final String superName;
  final List<String> interfaces = new ArrayList<>();
  /** declared fields and methods, as name + descriptor */
  final Set<String> fields = new HashSet<>();
  final Set<String> methods = new HashSet<>();
  final List<Reference> references = new ArrayList<>();

  ClassFile(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.readInt(); // magic
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    int[][] memberRef = new int[count][];
    int[][] nameAndType = new int[count][];
    int[] refTag = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // a long or double takes two slots
        }
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 9, 10, 11 -> {
          memberRef[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          refTag[i] = tag;
        }
        case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 17, 18 -> in.readInt();
        default -> throw new IOException("constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    name = utf8[classNameIndex[in.readUnsignedShort()]];
    int superIndex = in.readUnsignedShort();
    superName = superIndex == 0 ? null : utf8[classNameIndex[superIndex]];
    int interfaceCount = in.readUnsignedShort();
    for (int i = 0; i < interfaceCount; i++) {
      interfaces.add(utf8[classNameIndex[in.readUnsignedShort()]]);
    }
    readMembers(in, utf8, fields);
    readMembers(in, utf8, methods);
    for (int i = 1; i < count; i++) {
      if (memberRef[i] != null) {
        int[] nt = nameAndType[memberRef[i][1]];
        references.add(new Reference(utf8[classNameIndex[memberRef[i][0]]], utf8[nt[0]], utf8[nt[1]],
            refTag[i] == 9));
      }
    }
  }

  private static void readMembers(DataInputStream in, String[] utf8, Set<String> into) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.readUnsignedShort();
      String memberName = utf8[in.readUnsignedShort()];
      into.add(memberName + utf8[in.readUnsignedShort()]);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.readUnsignedShort();
        in.skipNBytes(in.readInt());
      }
    }
  }
}
