// Builds the modules of shaded/ (ND4J's shaded Jackson, Guava and protobuf from fixed releases) in a
// Maven of its own, copies the three jars to target/nd4j-shaded/ and sets the project properties
// nd4j.shaded.jackson, nd4j.shaded.guava and nd4j.shaded.protobuf to them.
// Run by pom.xml's validate phase through maven-scripting-plugin, whose goal resolves no dependency:
// the jars cannot be dependencies of the project, because Maven 3 resolves every dependency of a build
// before its first plugin runs.
def session = project.projectBuildingRequest.repositorySession
File repo = session.localRepository.basedir
File shaded = new File(project.basedir, 'shaded')
File out = new File(project.build.directory, 'nd4j-shaded')

def modules = ['jackson', 'guava', 'protobuf']
// the nested build's sources: the poms and their resources (not this script, not build output)
def sources = []
shaded.eachFileRecurse(groovy.io.FileType.FILES) { f ->
  String rel = shaded.toPath().relativize(f.toPath()).toString().replace('\\', '/')
  if (!rel.contains('target/') && rel != 'build.groovy' && !rel.endsWith('dependency-reduced-pom.xml')) {
    sources << f
  }
}
def versions = new groovy.xml.XmlSlurper().parse(new File(shaded, 'pom.xml')).properties
def jars = modules.collectEntries { m ->
  [m, new File(out, 'nd4j-' + m + '-' + versions."${m}.version".text() + '.jar')]
}

long newestSource = sources.collect { it.lastModified() }.max()
if (jars.values().every { it.isFile() && it.lastModified() > newestSource }) {
  println '[shaded] ' + out + ' is up to date'
} else {
  // the nested build runs on a copy under target/: nothing is written into the source tree
  File work = new File(project.build.directory, 'shaded')
  work.deleteDir()
  out.deleteDir()
  sources.each { source ->
    File copy = new File(work, shaded.toPath().relativize(source.toPath()).toString())
    copy.parentFile.mkdirs()
    copy.bytes = source.bytes
  }
  boolean windows = System.getProperty('os.name').startsWith('Windows')
  String mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn')).path
  def command = [mvn, '-B', '-q', '-Dmaven.repo.local=' + repo.path, 'package']
  if (session.offline) {
    command.add(1, '-o')
  }
  println '[shaded] building ND4J\'s shaded libraries from shaded/: ' + command.join(' ')
  def process = new ProcessBuilder(command).directory(work).inheritIO().start()
  if (process.waitFor() != 0) {
    throw new IllegalStateException('the build of shaded/ failed (exit ' + process.exitValue() + '), see above')
  }
  out.mkdirs()
  jars.each { m, jar ->
    File built = new File(work, m + '/target/' + jar.name)
    if (!built.isFile()) {
      throw new IllegalStateException('the build of shaded/ made no ' + built)
    }
    jar.bytes = built.bytes
  }
}
jars.each { m, jar -> project.properties.setProperty('nd4j.shaded.' + m, jar.path) }
null // the plugin prints what the script returns: nothing
