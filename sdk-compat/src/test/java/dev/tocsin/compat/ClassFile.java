package dev.tocsin.compat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the linkage check needs from a class file: its name, supertypes, members, and the members and classes it
 * refers to (its constant pool). Names are internal ({@code a/b/C}); members are {@code name:descriptor}.
 */
record ClassFile(String name, String superName, List<String> interfaces, Set<String> members, List<Ref> refs,
        Set<String> classRefs) {

    /** A field or method another class is referred to by: {@code owner.name:descriptor}. */
    record Ref(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    static ClassFile read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        int[][] links = new int[count][];
        byte[] tags = new byte[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readByte();
            switch (tags[i]) {
                case 1 -> pool[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> links[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> links[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> links[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("constant pool tag " + tags[i]);
            }
        }
        List<Ref> refs = new ArrayList<>();
        Set<String> classRefs = new HashSet<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                classRefs.add((String) pool[links[i][0]]);
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                int[] nameAndType = links[links[i][1]];
                refs.add(new Ref((String) pool[links[links[i][0]][0]], (String) pool[nameAndType[0]],
                        (String) pool[nameAndType[1]]));
            }
        }
        in.readUnsignedShort();
        String name = (String) pool[links[in.readUnsignedShort()][0]];
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : (String) pool[links[superIndex][0]];
        List<String> interfaces = new ArrayList<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            interfaces.add((String) pool[links[in.readUnsignedShort()][0]]);
        }
        Set<String> members = new HashSet<>();
        for (int table = 0; table < 2; table++) { // fields, then methods
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                in.readUnsignedShort();
                members.add(pool[in.readUnsignedShort()] + ":" + pool[in.readUnsignedShort()]);
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    in.readUnsignedShort();
                    in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
                }
            }
        }
        return new ClassFile(name, superName, interfaces, members, refs, classRefs);
    }
}
