package io.maskwatch.export;

import io.maskwatch.files.AtomicFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.maskwatch.classify.ClassifierContract;
import io.maskwatch.training.MaskNet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a trained {@link MaskNet} as an ONNX graph, built node by node from the DJL parameters:
 * every BatchNorm is folded into the conv before it (inference uses the running statistics), the
 * depthwise convs become Conv with group = channels, then GlobalAveragePool, Flatten, Gemm and a
 * Softmax, so the graph outputs the class probabilities directly. Names, classes, crop rule,
 * threshold and provenance come from one {@link ClassifierContract}, which also becomes the
 * file's metadata_props: input float [N,3,S,S]; output float [N, classes].
 */
public final class OnnxExporter {

    public static final int OPSET = 13;

    private OnnxExporter() {
    }

    /** Writes the model to {@code out} (atomically) with the contract as its metadata_props. */
    public static void export(Block net, ClassifierContract contract, Path out) throws IOException {
        write(toProto(net, contract), out);
    }

    /** Writes a model (atomically) and its checksum side file. */
    public static void write(ModelProto model, Path out) throws IOException {
        AtomicFiles.write(out, model::writeTo);
        // The model store tells a damaged classifier from a retrained one by this side file.
        io.maskwatch.model.Checksums.writeSidecar(out);
    }

    public static ModelProto toProto(Block net, ClassifierContract contract) {
        if (contract.outputColumns() != MaskNet.CLASSES) {
            throw new IllegalArgumentException("the network has " + MaskNet.CLASSES + " outputs, the contract lists " + contract.classes());
        }
        return toProto(net, MaskNet.CLASSES, contract.crop().size(), contract.input(), contract.output(), true,
                "maskwatch-mask-classifier", "maskwatch mask classifier: P(" + String.join(", ", contract.classes())
                        + ") for a face crop (see models/mask-classifier.md)", contract.toMetadata());
    }

    /**
     * Any {@link MaskNet#build(int)} network as ONNX: input float [N,3,S,S] named {@code input}, output float
     * [N, outputs] named {@code output}, the softmax of the last layer or (without {@code softmax}) its raw values.
     */
    public static ModelProto toProto(Block net, int outputs, int inputSize, String input, String output, boolean softmax,
                                     String graphName, String docString, java.util.Map<String, String> metadata) {
        List<MaskNet.ConvUnit> units = MaskNet.units();
        List<Block> children = net.getChildren().values();
        if (children.size() != units.size() + 3) {
            throw new IllegalArgumentException("not a MaskNet: " + children.size() + " children, expected " + (units.size() + 3));
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName);
        g.addInput(valueInfo(input, "N", 3, inputSize, inputSize));
        String x = input;
        for (int i = 0; i < units.size(); i++) {
            MaskNet.ConvUnit u = units.get(i);
            List<Block> parts = children.get(i).getChildren().values();
            ParameterList conv = parts.get(0).getParameters();
            ParameterList bn = parts.get(1).getParameters();
            float[] w = conv.get("weight").getArray().toFloatArray();
            float[] gamma = array(bn, "gamma");
            float[] beta = array(bn, "beta");
            float[] mean = array(bn, "runningMean");
            float[] var = array(bn, "runningVar");
            int perOut = w.length / u.out();
            float[] fw = new float[w.length];
            float[] fb = new float[u.out()];
            for (int o = 0; o < u.out(); o++) {
                double s = gamma[o] / Math.sqrt(var[o] + MaskNet.BN_EPSILON);
                for (int k = 0; k < perOut; k++) fw[o * perOut + k] = (float) (w[o * perOut + k] * s);
                fb[o] = (float) (beta[o] - mean[o] * s);
            }
            String wn = "conv" + i + ".weight";
            String bnName = "conv" + i + ".bias";
            g.addInitializer(tensor(wn, fw, u.out(), u.in() / u.groups(), u.kernel(), u.kernel()));
            g.addInitializer(tensor(bnName, fb, u.out()));
            int p = u.kernel() / 2;
            String y = "conv" + i;
            g.addNode(NodeProto.newBuilder().setOpType("Conv").setName(y)
                    .addInput(x).addInput(wn).addInput(bnName).addOutput(y)
                    .addAttribute(ints("kernel_shape", u.kernel(), u.kernel()))
                    .addAttribute(ints("strides", u.stride(), u.stride()))
                    .addAttribute(ints("pads", p, p, p, p))
                    .addAttribute(ints("dilations", 1, 1))
                    .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT).setI(u.groups())));
            String r = "relu" + i;
            g.addNode(NodeProto.newBuilder().setOpType("Relu").setName(r).addInput(y).addOutput(r));
            x = r;
        }
        g.addNode(NodeProto.newBuilder().setOpType("GlobalAveragePool").setName("pool").addInput(x).addOutput("pool"));
        g.addNode(NodeProto.newBuilder().setOpType("Flatten").setName("flatten").addInput("pool").addOutput("features")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)));
        ParameterList fc = children.get(children.size() - 1).getParameters();
        int features = MaskNet.featureChannels();
        g.addInitializer(tensor("fc.weight", array(fc, "weight"), outputs, features));
        g.addInitializer(tensor("fc.bias", array(fc, "bias"), outputs));
        g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName("fc").addInput("features").addInput("fc.weight")
                .addInput("fc.bias").addOutput(softmax ? "logit" : output)
                .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)));
        if (softmax) {
            g.addNode(NodeProto.newBuilder().setOpType("Softmax").setName("softmax").addInput("logit").addOutput(output)
                    .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)));
        }
        g.addOutput(valueInfo(output, "N", outputs));

        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("maskwatch")
                .setProducerVersion("0.1.0")
                .setDomain("io.maskwatch")
                .setModelVersion(1)
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        metadata.forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static float[] array(ParameterList params, String name) {
        NDArray a = params.get(name).getArray();
        return a.toFloatArray();
    }

    /** A float initializer, little-endian raw data as ONNX stores it. */
    public static TensorProto tensor(String name, float[] data, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    /** A float tensor value with a symbolic first dimension. */
    private static ValueInfoProto valueInfo(String name, String batch, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
        for (int d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
